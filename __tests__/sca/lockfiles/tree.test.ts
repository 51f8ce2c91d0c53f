import { memoryTree } from '../../helpers/memory-tree.js';
import { parseLockfileInTree } from '../../../src/scanners/sca/lockfiles/tree.js';

const rootPom = [
  '<project>',
  '  <groupId>org.acme</groupId><artifactId>parent</artifactId><version>2.0.0</version>',
  '  <properties><jackson.version>2.15.0</jackson.version></properties>',
  '  <dependencyManagement><dependencies>',
  '    <dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-databind</artifactId><version>${jackson.version}</version></dependency>',
  '  </dependencies></dependencyManagement>',
  '  <dependencies>',
  '    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId><version>2.0.7</version></dependency>',
  '  </dependencies>',
  '</project>',
].join('\n');

const childPom = (parentGroup: string, relativePath = '') =>
  [
    '<project>',
    `  <parent><groupId>${parentGroup}</groupId><artifactId>parent</artifactId><version>2.0.0</version>${relativePath}</parent>`,
    '  <artifactId>app</artifactId>',
    '  <dependencies>',
    '    <dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-databind</artifactId></dependency>',
    '    <dependency><groupId>${project.groupId}</groupId><artifactId>lib</artifactId><version>${project.version}</version></dependency>',
    '  </dependencies>',
    '</project>',
  ].join('\n');

const rows = (entries: Awaited<ReturnType<typeof parseLockfileInTree>>) =>
  entries.map((e) => [e.path, e.result.packages.map((p) => [p.name, p.version, p.line]), e.result.error]);

describe('parseLockfileInTree', () => {
  it('pom.xml: a local parent supplies managed versions, properties and inherited dependencies', async () => {
    const tree = memoryTree({ 'pom.xml': rootPom, 'app/pom.xml': childPom('org.acme') });
    expect(rows(await parseLockfileInTree('app/pom.xml', childPom('org.acme'), tree))).toEqual([
      ['app/pom.xml', [
        ['com.fasterxml.jackson.core:jackson-databind', '2.15.0', 5],
        ['org.acme:lib', '2.0.0', 6],
        ['org.slf4j:slf4j-api', '2.0.7', 2],
      ], undefined],
    ]);
  });

  it('pom.xml: a parent file with other coordinates, or outside the repository, is not used', async () => {
    const tree = memoryTree({ 'pom.xml': rootPom });
    const other = await parseLockfileInTree('app/pom.xml', childPom('org.other'), tree);
    expect(other[0]?.result.packages.map((p) => p.version)).toEqual(['', '2.0.0']);
    const outside = childPom('org.acme', '<relativePath>../../pom.xml</relativePath>');
    const escaped = await parseLockfileInTree('app/pom.xml', outside, tree);
    expect(escaped[0]?.result.packages.map((p) => p.version)).toEqual(['', '2.0.0']);
  });

  it('requirements.txt: included files follow as their own entries', async () => {
    const tree = memoryTree({ 'base.txt': 'six==1.16.0\n' });
    expect(rows(await parseLockfileInTree('requirements.txt', 'flask==2.0.0\n-r base.txt\n', tree))).toEqual([
      ['requirements.txt', [['flask', '2.0.0', 1]], undefined],
      ['base.txt', [['six', '1.16.0', 1]], undefined],
    ]);
  });

  it('other formats are the pure parse; unknown names give nothing', async () => {
    const tree = memoryTree({});
    expect(rows(await parseLockfileInTree('Cargo.lock', '[[package]]\nname = "libc"\nversion = "0.2.0"\n', tree))).toEqual([
      ['Cargo.lock', [['libc', '0.2.0', 2]], undefined],
    ]);
    expect(await parseLockfileInTree('notes.txt', 'x', tree)).toEqual([]);
  });
});
