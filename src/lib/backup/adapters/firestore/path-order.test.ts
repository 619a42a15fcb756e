import { compareDocumentPaths } from './path-order';

describe('compareDocumentPaths', () => {
  it('sorts like Firestore: prefix first, numeric ids before strings and by value, strings by UTF-8 bytes', () => {
    const paths = ['c/b', 'c/__id10__', 'c/a/s/1', 'c/a', 'c/__id-3__', 'c/__id2__', 'c/\u00e9', 'c/\uffff', 'c/\u{1F600}', 'c/Z', 'b/z', 'c\u0000/x'];
    expect([...paths].sort(compareDocumentPaths)).toEqual([
      'b/z',
      'c/__id-3__',
      'c/__id2__',
      'c/__id10__',
      'c/Z',
      'c/a',
      'c/a/s/1',
      'c/b',
      'c/\u00e9',
      'c/\uffff',
      'c/\u{1F600}',
      'c\u0000/x',
    ]);
  });
});
