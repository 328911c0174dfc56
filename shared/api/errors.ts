// The API's errors: every code, the body both transports carry, and the error the workspace throws.

/** Every error code, in one list the type and the clients' checks both come from. */
export const API_ERROR_CODES = [
  'stale-revision',
  'not-found',
  'refused-file',
  'path-outside',
  'too-large',
  'invalid-request',
  'edit-refused',
  'save-failed',
  'conflict',
  'cancelled',
  'internal',
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** Errors cross both transports as this shape; the editor shows `message`. */
export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
