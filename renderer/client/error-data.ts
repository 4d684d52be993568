// Turns whatever a failed call threw into ApiErrorData the store can hold and the UI can word.
import { ApiError, type ApiErrorData } from '../../shared/api-error';
import { describeFailure } from './transport-error';

export function toErrorData(error: unknown): ApiErrorData {
  if (error instanceof ApiError) {
    return error.issues
      ? { code: error.code, message: error.message, issues: error.issues }
      : { code: error.code, message: error.message };
  }
  return { code: 'INTERNAL', message: describeFailure(error) };
}
