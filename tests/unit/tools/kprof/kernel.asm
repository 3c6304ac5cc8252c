
kernel.elf:     file format elf32-i386


Disassembly of section .text:

00001000 <entry>:
entry:
	movl $1, %eax
    1000:	b8 01 00 00 00       	mov    $0x1,%eax
    1005:	90                   	nop

00001010 <stub>:
	pushl $0x40
    1010:	6a 40                	push   $0x40
    1012:	eb 0c                	jmp    1020 <trap_return>

00001020 <trap_return>:
	popal
    1020:	61                   	popa
	addl $8, %esp		/* the source says iret here, and is not an instruction */
    1021:	83 c4 08             	add    $0x8,%esp
	iret
    1024:	cf                   	iret

00001030 <handle>:
    1030:	f7 44 24 3c 03 00 00 	testl  $0x3,0x3c(%esp)
    1037:	00 
    1038:	e8 e3 ff ff ff       	call   1020 <trap_return>

00001040 <now>:
    1040:	c3                   	ret

00001050 <now>:
    1050:	c3                   	ret

00001060 <idle>:
    1060:	fb                   	sti
    1061:	f4                   	hlt
    1068:	cf                   	iretl
