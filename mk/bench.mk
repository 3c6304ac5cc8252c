# SPDX-License-Identifier: MIT
# make bench: deterministic instruction counts under QEMU -icount shift=0 (tests/bench/run.sh,
# docs/benchmarks.md). The figures go to $(B)/bench.txt, one "bench: <name> <value> <unit>" a
# line.
BENCH_APPS := bench_calls bench_ping bench_pong bench_tick
BENCH_TBFS := $(BENCH_APPS:%=$(B)/bench/%.tbf)
$(foreach a,$(BENCH_APPS),$(eval $(call app_rules,$(a),tests/bench/apps/$(a),$(B)/bench)))
I586_BINS += $(BENCH_APPS:%=$(B)/bench/%.elf)

.PHONY: bench
bench: $(LOADER) $(KERNEL) $(B)/lean/kernel.elf $(IMAGE) $(BENCH_TBFS) $(B)/tools/mkimage
	$(Q)tests/bench/run.sh $(B)

# make test only checks that the benchmarks run and print every figure.
test: $(BENCH_TBFS)

