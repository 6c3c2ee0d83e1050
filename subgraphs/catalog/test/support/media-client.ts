import { gql } from 'graphql-request';
import type { TestSubgraph } from '../../../kit/test/support/subgraph-harness';

export const CREATE_MEDIA_UPLOAD = gql`
  mutation ($input: CreateMediaUploadInput!) {
    createMediaUpload(input: $input) {
      uploadUrl
      uploadHeaders {
        name
        value
      }
      mediaId
      expiresAt
      userErrors {
        code
        field
        message
      }
    }
  }
`;
export const COMPLETE_MEDIA_UPLOAD = gql`
  mutation ($input: CompleteMediaUploadInput!) {
    completeMediaUpload(input: $input) {
      media {
        id
        alt
        url
        contentType
        width
        height
        position
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`;
export const UPDATE_PRODUCT_MEDIA = gql`
  mutation ($input: UpdateProductMediaInput!) {
    updateProductMedia(input: $input) {
      media {
        id
        alt
      }
      userErrors {
        code
        field
      }
    }
  }
`;
export const REORDER_PRODUCT_MEDIA = gql`
  mutation ($input: ReorderProductMediaInput!) {
    reorderProductMedia(input: $input) {
      media {
        id
        position
      }
      userErrors {
        code
        field
      }
    }
  }
`;
export const DELETE_PRODUCT_MEDIA = gql`
  mutation ($input: DeleteProductMediaInput!) {
    deleteProductMedia(input: $input) {
      deletedMediaId
      userErrors {
        code
        field
      }
    }
  }
`;
export const PRODUCT_MEDIA = gql`
  query ($id: ID!) {
    product(id: $id) {
      id
      media {
        id
        alt
        url
        contentType
        width
        height
        position
      }
    }
  }
`;

export interface UploadTicket {
  uploadUrl: string;
  uploadHeaders: { name: string; value: string }[];
  mediaId: string;
  expiresAt: string;
}

/** catalog's own address for an upload URL the gateway would serve: `…/media/uploads/<token>` → `<catalog>/media/upload?token=<token>`. */
export function catalogUploadUrl(catalog: TestSubgraph, uploadUrl: string): string {
  const token = uploadUrl.slice(uploadUrl.lastIndexOf('/uploads/') + '/uploads/'.length);
  return `${catalog.url.replace(/\/graphql$/, '')}/media/upload?token=${encodeURIComponent(token)}`;
}

export function catalogObjectUrl(catalog: TestSubgraph, key: string): string {
  return `${catalog.url.replace(/\/graphql$/, '')}/media/object?key=${encodeURIComponent(key)}`;
}

export async function putUpload(url: string, headers: Record<string, string>, body: Buffer): Promise<number> {
  const response = await fetch(url, { method: 'PUT', headers, body });
  await response.arrayBuffer();
  return response.status;
}

export function headersOf(ticket: UploadTicket): Record<string, string> {
  return Object.fromEntries(ticket.uploadHeaders.map(({ name, value }) => [name, value]));
}
