const t0 = performance.now();
const { detectSignals } = await import("./functions/domain/signals");
const t1 = performance.now();
detectSignals("where is my order #1001? talk to agent please!!", "order_status");
const t2 = performance.now();
for (const t of ["ขอคุยกับแอดมินหน่อยค่ะ", "đơn hàng của tôi đâu rồi shop", "配送はいつですか"]) detectSignals(t);
console.log(`import ${(t1 - t0).toFixed(1)} first ${(t2 - t1).toFixed(1)} next3 ${(performance.now() - t2).toFixed(1)}`);
