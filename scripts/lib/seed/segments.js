'use strict';
const { allNodes, expectNoUserErrors } = require('./client');

const SEGMENTS_PAGE = `query SeedSegments($after: String) {
  customerSegments(first: 100, after: $after) { nodes { id name } pageInfo { hasNextPage endCursor } }
}`;
const CREATE_SEGMENT = `mutation SeedCreateSegment($input: CreateCustomerSegmentInput!) {
  createCustomerSegment(input: $input) { customerSegment { id } userErrors { code field message } }
}`;

/** Creates the `segments` the store (`merchant` acts for it) has none of by name; their members are computed by customers. */
async function ensureSegments(merchant, segments) {
  const names = new Set((await allNodes(merchant, SEGMENTS_PAGE, (data) => data.customerSegments)).map((node) => node.name));
  let created = 0;
  for (const segment of segments.filter((candidate) => !names.has(candidate.name))) {
    const { createCustomerSegment } = await merchant(CREATE_SEGMENT, { input: segment });
    expectNoUserErrors(`createCustomerSegment ${segment.name}`, createCustomerSegment);
    created++;
  }
  return { created, existing: segments.length - created };
}

module.exports = { ensureSegments };
