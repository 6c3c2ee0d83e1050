/** An HTTP answer to a GraphQL request: its status and its parsed body. */
export interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

/** POSTs a GraphQL body to `url` with `send` (plain `fetch`, or `signedFetch` to ask a subgraph as the gateway does). */
export async function post(url: string, body: string, headers: Record<string, string> = {}, send: typeof fetch = fetch): Promise<Answer> {
  const response = await send(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

/** Status and error code, to compare a whole list of answers at once. */
export const outcome = ({ status, body }: Answer) => [status, body.errors?.[0]?.extensions?.code ?? (body.data ? 'DATA' : 'NONE')];
