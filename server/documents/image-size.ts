// Pixel size of a PNG or JPEG from its header, so a photo keeps its aspect ratio in the DOCX (which
// needs explicit sizes). Pure; undefined for anything else (WebP photos are listed, not embedded).

export function imageSize(
  bytes: Uint8Array,
): { format: 'png' | 'jpg'; widthPx: number; heightPx: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes.length >= 24 && view.getUint32(0) === 0x89504e47) {
    return { format: 'png', widthPx: view.getUint32(16), heightPx: view.getUint32(20) }
  }
  if (bytes.length < 4 || view.getUint16(0) !== 0xffd8) return undefined
  let at = 2
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return undefined
    const marker = bytes[at + 1] ?? 0
    const length = view.getUint16(at + 2)
    // SOF0 … SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { format: 'jpg', heightPx: view.getUint16(at + 5), widthPx: view.getUint16(at + 7) }
    }
    at += 2 + length
  }
  return undefined
}
