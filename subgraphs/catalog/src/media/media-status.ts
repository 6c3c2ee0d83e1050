/** A media row waits for its upload (PENDING) until completeMediaUpload has checked the bytes (READY). */
export enum MediaStatus {
  PENDING = 'PENDING',
  READY = 'READY',
}
