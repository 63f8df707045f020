// The one error readImage throws: it names the image and says why. Callers print `message` as is,
// so nothing that builds one may put a credential, a token or a response body in it.
export class ImageError extends Error {
  constructor(readonly image: string, reason: string) {
    super(`image ${image}: ${reason}`);
    this.name = 'ImageError';
  }
}

/** A failure inside the image code before it knows which image it is reading: readImage wraps it into an ImageError. */
export class ReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReadError';
  }
}
