// ApiErrors raised on the renderer's side of the wire: the connection failed or the station's
// reply could not be read. The message is technical; the UI words the code for operators.
import { ApiError, type ApiErrorCode } from '../../shared/api-error';

export function transportError(message: string): ApiError {
  return new ApiError({ code: 'TRANSPORT', message });
}

export function clientError(code: ApiErrorCode, message: string): ApiError {
  return new ApiError({ code, message });
}

export function describeFailure(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
