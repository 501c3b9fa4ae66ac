import { oldStyleTones } from "./functions/domain/extract";
for (const t of ["ừ huỷ đi", "Huỷ đơn", "hoà", "quý khách", "khoẻ không", "hoàn tiền", "thuỷ tinh", "xoá", "HUỶ", "tuỳ"]) console.log(t, "→", oldStyleTones(t), oldStyleTones(t).length === t.length);
