import { useStore } from '../store/store';

/** A refusal or failure from the server, with its coded reason (`{error: {code, message}}`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly path?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

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
 * Calls the HTTP API with the session's bearer token. A 401 on anything but sign-in means the
 * session has ended, so the user is sent back to the login screen.
 */
export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
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
  const payload = text ? safeJson(text) : null;
  if (!response.ok) {
    const error = (payload as { error?: { code?: string; message?: string; path?: string } })
      ?.error;
    if (response.status === 401 && path !== '/api/v1/session') {
      useStore.setState({ session: null });
    }
    throw new ApiError(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? response.statusText,
      error?.path,
    );
  }
  return payload as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
