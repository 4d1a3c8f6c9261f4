import { useStore } from '../store/store';
import { ApiError } from './api-error';
import type { Answer, AnswerName } from './answers';
import { checkAnswer, fits } from './check';

export { ApiError } from './api-error';
export { AnswerError } from './check';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Where the server is; the same origin unless a test points elsewhere. */
let baseUrl = '';
export function setApiBase(url: string): void {
  baseUrl = url.replace(/\/$/, '');
}
export function apiUrl(path: string): string {
  return `${baseUrl}${path}`;
}

/**
 * Calls the HTTP API with the session's bearer token and checks the answer against the contract's
 * schema `answer` (an AnswerError names the route and the path at fault). A 401 on anything but
 * sign-in means the session has ended, so the user is sent back to the login screen.
 */
export async function request<K extends AnswerName>(
  method: Method,
  path: string,
  answer: K,
  body?: unknown,
): Promise<Answer<K>> {
  const { status, payload } = await call(method, path, body);
  return checkAnswer(answer, payload, `${method} ${path.split('?')[0]}`, status);
}

/** As `request`, for a route that answers 204 with no body (a delete). */
export async function requestNoContent(method: Method, path: string, body?: unknown) {
  await call(method, path, body);
}

async function call(method: Method, path: string, body: unknown) {
  const token = useStore.getState().session?.token;
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(apiUrl(path), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'network');
  }
  const text = await response.text();
  const payload = text ? parseJson(text) : null;
  if (!response.ok) {
    if (response.status === 401 && path !== '/api/v1/session') {
      useStore.setState({ session: null });
    }
    throw refusal(response.status, response.statusText, payload);
  }
  return { status: response.status, payload };
}

/**
 * The ApiError for a 4xx/5xx answer: its coded reason when the body is the contract's error
 * body, else the bare status (a proxy's error page, a gateway timeout).
 */
export function refusal(status: number, statusText: string, payload: unknown): ApiError {
  if (fits('Error', payload)) {
    const { code, message, path } = payload.error;
    return new ApiError(status, code, message, path);
  }
  return new ApiError(status, `HTTP_${status}`, statusText);
}

export function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}
