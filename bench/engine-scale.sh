#!/usr/bin/env bash
# Every figure of the engine-at-scale section of BENCHMARKS.md in one sitting, one after the
# other, with the load average before each (run on an otherwise idle machine). The peers'
# virtualenvs must exist: `.venv/bin/python bench/peers/setup_envs.py` once. The frontend must
# be built (`npm run build`) for the canvas and run-view figures.
#
#     bench/engine-scale.sh            # everything (about 30 minutes)
#     bench/engine-scale.sh engine     # only the named parts: profile engine redis peers canvas
#                                      #   runview live scale
set -u
cd "$(dirname "$0")/.."
py=.venv/bin/python
log=bench/results/engine-scale.log
parts=${*:-profile engine redis peers canvas runview live scale}
step() {
  echo "== $* | $(date -u +%FT%TZ) | load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$log"
  "$@" 2>&1 | tail -60 | tee -a "$log"
}
: > "$log"
for part in $parts; do
  case $part in
    profile)
      step $py bench/profile_chain.py --steps 50
      step $py bench/profile_chain.py --steps 50 --frames
      DESIGNER_STEP_ISOLATION=off step $py bench/profile_chain.py --steps 50
      step $py bench/profile_reuse.py --nodes 1000 --repeat 3 ;;
    engine)
      step $py bench/big_api.py --repeat 3
      step $py bench/engine.py --big ;;
    redis) step $py bench/engine.py --redis ;;
    peers) step $py bench/peers/run.py --repeats 2 ;;
    canvas) step $py bench/canvas.py --sizes 1000 2000 --runs 3 ;;
    runview) step $py bench/run_view.py ;;
    live)
      step $py bench/live_latency.py --burst 100
      step $py bench/live_latency.py --spread 1000 10 --batch
      step $py bench/live_latency.py --spread 1000 10 ;;
    scale) step $py bench/scale.py ;;
    *) echo "unknown part: $part" >&2; exit 2 ;;
  esac
done
echo "== done | $(date -u +%FT%TZ) | load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$log"
