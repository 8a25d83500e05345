/**
 * Text from bytes whatever the encoding an admin's tools wrote: UTF-8 (with or without BOM), or UTF-16 as Windows
 * PowerShell 5 writes with `>` (BOM, or none but NUL bytes between ASCII letters). Invalid bytes become U+FFFD.
 */
export function decodeText(bytes: Uint8Array): string {
  const [b0, b1] = [bytes[0], bytes[1]];
  if (b0 === 0xff && b1 === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (b0 === 0xfe && b1 === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const sample = bytes.subarray(0, 512);
  let oddNuls = 0;
  let evenNuls = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2 === 0) evenNuls++;
    else oddNuls++;
  }
  const half = sample.length / 2;
  if (half >= 4 && oddNuls > half * 0.6) return new TextDecoder('utf-16le').decode(bytes);
  if (half >= 4 && evenNuls > half * 0.6) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}
