import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import type { GatewayContext } from '../gateway-context';

/** Sends each subgraph request through the pooled fetcher, carrying the caller and tracing headers. */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(url: string, fetcher: Fetcher) {
    super({ url, fetcher });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const forward = (context as Partial<GatewayContext>).forwardHeaders;
    if (!forward || !request.http) return;
    for (const [name, value] of Object.entries(forward)) request.http.headers.set(name, value);
  }
}
