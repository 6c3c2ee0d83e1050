import { catalogMediaPath } from './media-proxy';

const STORE = '0b4d3f0e-6a55-4d4b-9d0c-3f7e1d2a9c01';
const MEDIA = '1f2e3d4c-5b6a-4789-8abc-def012345678';

describe('catalogMediaPath: only generated keys and well-formed tokens reach catalog', () => {
  it('maps an image and an upload', () => {
    expect(catalogMediaPath(`/media/${STORE}/${MEDIA}`)).toBe(`/media/object?key=${STORE}/${MEDIA}`);
    const token = `eyJrZXkiOiJhIn0.${'A'.repeat(43)}`;
    expect(catalogMediaPath(`/media/uploads/${token}`)).toBe(`/media/upload?token=${token}`);
  });

  it.each([
    '/media/../../etc/passwd',
    `/media/${STORE}/../${MEDIA}`,
    `/media/${STORE}/${MEDIA}/x`,
    `/media/${STORE.toUpperCase()}/${MEDIA}`,
    `/media/${STORE}`,
    '/media/uploads/not-a-token',
    `/media/uploads/a.${'A'.repeat(43)}&key=x`,
  ])('refuses %s', (path) => {
    expect(catalogMediaPath(path)).toBeNull();
  });
});
