import { detectSignals, asksIfBot } from "./functions/domain/signals";
for (const t of ["where is my order #1001?", "do you accept cash on delivery?"]) {
  for (let i = 0; i < 2000; i++) detectSignals(t, "order_status");
  let t0 = performance.now(); for (let i = 0; i < 20000; i++) detectSignals(t, "order_status"); const a = (performance.now() - t0) / 20;
  t0 = performance.now(); for (let i = 0; i < 20000; i++) asksIfBot(t); const b = (performance.now() - t0) / 20;
  console.log(t, a.toFixed(1), "µs signals", b.toFixed(1), "µs asksIfBot");
}
