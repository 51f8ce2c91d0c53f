import { purlOf } from '../../src/scanners/sca/purl.js';
import type { Ecosystem } from '../../src/scanners/sca/types.js';

describe('purlOf', () => {
  it.each<[Ecosystem, string, string, string]>([
    ['npm', '@babel/core', '7.1.0', 'pkg:npm/%40babel/core@7.1.0'],
    ['npm', 'lodash', '4.17.15', 'pkg:npm/lodash@4.17.15'],
    ['PyPI', 'Django_Rest', '3.0.0', 'pkg:pypi/django-rest@3.0.0'],
    ['Go', 'github.com/a/b', '1.2.3', 'pkg:golang/github.com/a/b@v1.2.3'],
    ['Go', 'golang.org/x/sys', '0.0.0-20210630005230-0f9fa26af87c', 'pkg:golang/golang.org/x/sys@v0.0.0-20210630005230-0f9fa26af87c'],
    ['Go', 'stdlib', '1.21', 'pkg:golang/stdlib@v1.21'],
    ['crates.io', 'wasi', '0.10.2+wasi-snapshot-preview1', 'pkg:cargo/wasi@0.10.2%2Bwasi-snapshot-preview1'],
    ['RubyGems', 'nokogiri', '1.13.3', 'pkg:gem/nokogiri@1.13.3'],
    ['Packagist', 'drupal/core', '10.4.5', 'pkg:composer/drupal/core@10.4.5'],
    ['Maven', 'org.apache.commons:commons-lang3', '3.12.0', 'pkg:maven/org.apache.commons/commons-lang3@3.12.0'],
    ['NuGet', 'Newtonsoft.Json', '13.0.1', 'pkg:nuget/Newtonsoft.Json@13.0.1'],
    ['Pub', 'shelf', '1.3.2', 'pkg:pub/shelf@1.3.2'],
    ['Hex', 'plug', '1.11.1', 'pkg:hex/plug@1.11.1'],
    ['npm', 'mine', '', 'pkg:npm/mine'],
  ])('%s %s@%s -> %s', (ecosystem, name, version, purl) => {
    expect(purlOf({ ecosystem, name, version })).toBe(purl);
  });
});
