// Photos are drawn onto a canvas before they leave the screen: the camera's turn (EXIF
// orientation) is applied to the pixels, so the photo stands the right way up once the host
// removes its metadata, and a very large photo is brought to a size the records accept.
import { MAX_PHOTO_BYTES } from '../../db/api/photos';

/** The longest side kept: plenty for a face or a patch of skin, and well under the size limit. */
export const MAX_SIDE = 4096;
const QUALITY = 0.92;

const bytesOf = (dataUrl: string) => Math.floor(((dataUrl.length - dataUrl.indexOf(',') - 1) * 3) / 4);

function drawScaled(source: CanvasImageSource, width: number, height: number, maxSide: number): HTMLCanvasElement {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const g = canvas.getContext('2d');
  if (!g) throw new Error('This screen cannot draw images');
  g.drawImage(source, 0, 0, canvas.width, canvas.height);
  return canvas;
}

/** A canvas as a data URL the records accept: its own type when it fits, else JPEG, smaller if need be. */
function encode(canvas: HTMLCanvasElement, type: string): string {
  let url = canvas.toDataURL(type, QUALITY);
  if (bytesOf(url) <= MAX_PHOTO_BYTES) return url;
  url = canvas.toDataURL('image/jpeg', QUALITY);
  let side = Math.max(canvas.width, canvas.height);
  while (bytesOf(url) > MAX_PHOTO_BYTES && side > 512) {
    side = Math.round(side * 0.8);
    url = drawScaled(canvas, canvas.width, canvas.height, side).toDataURL('image/jpeg', QUALITY);
  }
  return url;
}

export class NotAPhoto extends Error {}

/** A chosen file as an upright photo data URL (JPEG, PNG or WebP). */
export async function photoFromFile(file: Blob): Promise<string> {
  if (!['image/jpeg', 'image/png', 'image/webp'].includes(file.type)) throw new NotAPhoto('Choose a JPEG, PNG or WebP photo.');
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new NotAPhoto('This file could not be read as a photo.');
  }
  try {
    return encode(drawScaled(bitmap, bitmap.width, bitmap.height, MAX_SIDE), file.type);
  } finally {
    bitmap.close();
  }
}

/** The camera's current picture as a JPEG data URL. */
export function photoFromVideo(video: HTMLVideoElement): string {
  if (!video.videoWidth || !video.videoHeight) throw new NotAPhoto('The camera has not started yet.');
  return encode(drawScaled(video, video.videoWidth, video.videoHeight, MAX_SIDE), 'image/jpeg');
}

export const sizeOf = (dataUrl: string): string => {
  const bytes = bytesOf(dataUrl);
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
};
