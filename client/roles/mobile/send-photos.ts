// Shrinks and uploads photos to an issue one by one (POST /api/issues/:id/attachments); the ids go
// with the note or transition that shows them.
import { uploadAttachment } from '../../features/issues/api.ts'
import { shrinkPhoto } from './shrink-photo.ts'

export async function sendPhotos(issueId: string, files: readonly File[]): Promise<string[]> {
  const ids: string[] = []
  for (const file of files) {
    const attachment = await uploadAttachment(issueId, await shrinkPhoto(file))
    ids.push(attachment.id)
  }
  return ids
}
