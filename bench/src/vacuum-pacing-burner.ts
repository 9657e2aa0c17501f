/**
 * Keeps one core busy for vacuum-pacing.ts, as the api, router and
 * executor keep it on a loaded 2-core machine, so a VACUUM that does not
 * yield takes the only core left from the statements beside it.
 */
let sink = 0;
for (;;) {
  for (let i = 0; i < 1_000_000; i++) sink = (sink * 31 + i) | 0;
}
