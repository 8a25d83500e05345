/** Why the Teams app package could not be built, in a sentence for whoever runs `npm run package`. */
export class PackagingError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PackagingError';
  }
}

/** The filled manifest breaks the official schema of its manifestVersion; `problems` are "path message" lines. */
export class ManifestValidationError extends PackagingError {
  constructor(
    readonly manifestVersion: string,
    readonly problems: readonly string[],
  ) {
    super(`manifest.json does not match the Teams manifest schema ${manifestVersion}:\n  ${problems.join('\n  ')}`);
    this.name = 'ManifestValidationError';
  }
}
