// Phone photos are 3–8 MB; the server takes ≤ 5 MB. Before upload a photo is scaled to at most
// 1600 px on its long side and re-encoded as JPEG; anything the browser cannot decode goes as is.

const maxSidePx = 1600 // enough to read a shop sign; about 300–600 kB as JPEG
const jpegQuality = 0.85

export async function shrinkPhoto(file: File): Promise<Blob> {
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' })
    const scale = Math.min(1, maxSidePx / Math.max(bitmap.width, bitmap.height))
    const canvas = document.createElement('canvas')
    canvas.width = Math.round(bitmap.width * scale)
    canvas.height = Math.round(bitmap.height * scale)
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
    bitmap.close()
    const blob = await new Promise<Blob | null>((resolve) =>
      canvas.toBlob(resolve, 'image/jpeg', jpegQuality),
    )
    return blob && blob.size > 0 ? blob : file
  } catch {
    return file // the server sniffs the type and says what is wrong
  }
}
