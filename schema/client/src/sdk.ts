/** The graphql-request SDK: one typed function per operation, over the document nodes of `./documents`. */
export { getSdk, type Sdk, type SdkFunctionWrapper } from './generated/sdk';
