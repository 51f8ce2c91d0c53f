import { planReview, readMarkers, reviewBody, findingMarker, REVIEW_BODY_LIMIT, type ReviewSettings } from '../../src/report/review.js';
import { parsePatchLines, toChangedFile } from '../../src/changes/github-api.js';
import { finding, rule } from './helpers/report.js';
import { ITEM_MARKER, fixedMarker, groupedCommentBody, markFixedInComment } from '../../src/report/review-comment.js';
import type { Finding } from '../../src/model.js';

const lines = (...n: number[]): Set<number> => new Set(n);
const none = { posted: new Set<string>(), fixed: new Set<string>() };
const settings: ReviewSettings = { minSeverity: 'medium', maxComments: 50 };

describe('parsing the files API patch', () => {
  test('added and commentable head-side lines across hunks, deletions take no line', () => {
    const patch = '@@ -1,3 +1,3 @@\n keep\n-old\n+new\n ctx\n@@ -20,2 +20,3 @@ func\n a\n+b\n c\n\\ No newline at end of file';
    const parsed = parsePatchLines(patch);
    expect([...parsed.added]).toEqual([2, 21]);
    expect([...parsed.commentable].sort((a, b) => a - b)).toEqual([1, 2, 3, 20, 21, 22]);
  });

  test('a modified file without patch (too large) counts as wholly changed', () => {
    expect(toChangedFile({ filename: 'big.json', status: 'modified' })).toMatchObject({ addedLines: null, diffLines: null });
  });
});

describe('planning the review', () => {
  test('new findings on diff lines get comments; off-diff, existing and suppressed ones do not', () => {
    const plan = planReview({
      findings: [
        finding({ path: 'a.yaml', startLine: 2, ruleId: 'r1' }),
        finding({ path: 'a.yaml', startLine: 9, ruleId: 'r2' }),
        finding({ path: 'a.yaml', startLine: 3, ruleId: 'r3', new: false }),
        finding({ path: 'a.yaml', startLine: 3, ruleId: 'r4', suppressed: { kind: 'inline', reason: 'ok' } }),
      ],
      rules: [rule('r1')],
      commentable: () => lines(1, 2, 3),
      previous: none,
      settings,
    });
    expect(plan.comments.map((c) => c.line)).toEqual([2]);
    expect(plan.offDiff.map((f) => f.ruleId)).toEqual(['r2']);
  });

  test('multi-line ranges use start_line only when it is before line and the whole range is in the diff', () => {
    const plan = planReview({
      findings: [finding({ path: 'a', startLine: 2, endLine: 4, ruleId: 'span' }), finding({ path: 'a', startLine: 5, endLine: 8, ruleId: 'partly' })],
      rules: [],
      commentable: () => lines(2, 3, 4, 5),
      previous: none,
      settings,
    });
    expect(plan.comments[0]).toMatchObject({ start_line: 2, line: 4, start_side: 'RIGHT', side: 'RIGHT' });
    // 5..8 is not all in the diff: the comment falls back to the first line alone.
    expect(plan.comments[1]).toMatchObject({ line: 5 });
    expect(plan.comments[1]?.start_line).toBeUndefined();
  });

  test('a fix becomes a suggestion block on exactly its lines; a fence inside the replacement cannot close it', () => {
    const plan = planReview({
      findings: [finding({ path: 'a', startLine: 3, ruleId: 'priv', fix: { startLine: 3, endLine: 3, replacement: '  privileged: false # ``` odd' } })],
      rules: [],
      commentable: () => lines(3),
      previous: none,
      settings,
    });
    expect(plan.comments[0]?.body).toContain('````suggestion\n  privileged: false # ``` odd\n````');
  });

  test('markers from earlier bot comments skip posted findings and report fixed ones once', () => {
    const kept = finding({ path: 'a', startLine: 1, ruleId: 'kept', fingerprint: 'fpkept' });
    const previous = readMarkers([`x ${findingMarker('fpkept')}`, `y ${findingMarker('fpgone')}`]);
    const plan = planReview({ findings: [kept], rules: [], commentable: () => lines(1), previous, settings });
    expect(plan.comments).toEqual([]);
    expect(plan.alreadyPosted).toBe(1);
    expect(plan.fixed).toEqual(['fpgone']);
    const body = reviewBody({ headline: 'h', offDiff: [], fixed: plan.fixed, link: () => 'https://x' });
    const second = planReview({ findings: [kept], rules: [], commentable: () => lines(1), previous: readMarkers([findingMarker('fpkept'), findingMarker('fpgone'), body]), settings });
    expect(second.fixed).toEqual([]);
  });

  test('PR content in a message cannot inject HTML, mentions or a fake marker', () => {
    const evil = finding({ path: 'a', startLine: 1, ruleId: 'r', message: '<img src=x> @admin [click](http://e) <!-- shiftguard:fp=zzz -->' });
    const plan = planReview({ findings: [evil], rules: [], commentable: () => lines(1), previous: none, settings });
    const body = plan.comments[0]?.body ?? '';
    expect(body).not.toContain('<img');
    expect(body).not.toContain('@admin');
    expect(readMarkers([body]).posted).toEqual(new Set([evil.fingerprint]));
  });

  test('the review body stays under 65,536 characters and says how many were left out', () => {
    const many = Array.from({ length: 3000 }, (_, i) => finding({ path: `dir/file-${i}.yaml`, startLine: 1, ruleId: `rule-${i}`, message: 'm'.repeat(100) }));
    const body = reviewBody({ headline: 'h', offDiff: many, fixed: [], link: (f) => `https://github.example/x/y/blob/sha/${f.path}#L1` });
    expect(body.length).toBeLessThanOrEqual(REVIEW_BODY_LIMIT);
    expect(body).toMatch(/_\d+ more not shown/);
  });
});

describe('grouped line comments', () => {
  const at = (ruleId: string, severity: Finding['severity'], extra: Partial<Finding> = {}): Finding => finding({ path: 'a.yaml', startLine: 4, ruleId, severity, ...extra });

  test('findings on one line share a comment, most severe first, each with its marker', () => {
    const plan = planReview({
      findings: [at('r-low', 'low'), at('r-med', 'medium'), at('r-crit', 'critical'), finding({ path: 'a.yaml', startLine: 2, endLine: 4, ruleId: 'r-span', severity: 'high' })],
      rules: [rule('r-med'), rule('r-crit')],
      commentable: () => lines(1, 2, 3, 4),
      previous: none,
      settings,
    });
    expect(plan.comments).toHaveLength(1);
    const [comment] = plan.comments;
    // The lead (most severe) finding sets the range; the others still land on its last line.
    expect(comment).toMatchObject({ path: 'a.yaml', line: 4 });
    expect(comment?.start_line).toBeUndefined();
    expect(comment?.fingerprints).toEqual([at('r-crit', 'critical').fingerprint, finding({ path: 'a.yaml', startLine: 2, ruleId: 'r-span' }).fingerprint, at('r-med', 'medium').fingerprint]);
    expect(readMarkers([comment?.body ?? '']).posted).toEqual(new Set(comment?.fingerprints));
    expect(plan.belowThreshold).toBe(1);
  });

  test('a comment whose findings would pass 65,536 characters shortens, then counts, the rest', () => {
    const crowd = Array.from({ length: 400 }, (_, i) => at(`r-${String(i).padStart(3, '0')}`, 'high', { message: 'm'.repeat(400), fingerprint: `fp${i}` }));
    const rendered = groupedCommentBody(crowd.map((f) => ({ finding: f, rule: rule(f.ruleId), suggestion: false })));
    expect(rendered.body.length).toBeLessThanOrEqual(REVIEW_BODY_LIMIT);
    expect(rendered.shown.length + rendered.omitted.length).toBe(400);
    expect(rendered.omitted.length).toBeGreaterThan(0);
    expect(rendered.body).toContain(`_${rendered.omitted.length} more finding(s) on this line not shown here`);
    expect(readMarkers([rendered.body]).posted.size).toBe(rendered.shown.length);
  });

  test('marking fixed rewrites only the fixed entries; a comment from before grouping counts as one entry', () => {
    const body = groupedCommentBody([at('r1', 'high'), at('r2', 'medium')].map((f) => ({ finding: f, rule: rule(f.ruleId), suggestion: false }))).body;
    expect(markFixedInComment(body, new Set(['unrelated']))).toBeNull();
    const marked = markFixedInComment(body, new Set([at('r2', 'medium').fingerprint])) ?? '';
    expect(readMarkers([marked])).toEqual({ posted: new Set([at('r1', 'high').fingerprint]), fixed: new Set([at('r2', 'medium').fingerprint]) });
    expect(marked).toContain('~~**MEDIUM** · Rule r2 (`r2`)~~');
    expect(markFixedInComment(marked, new Set([at('r2', 'medium').fingerprint]))).toBeNull();
    const legacy = `**HIGH** · Old rule (\`old\`)\n\nmessage\n\n${findingMarker('fpold')}`;
    expect(markFixedInComment(legacy, new Set(['fpold']))).toBe(`${ITEM_MARKER}\n~~**HIGH** · Old rule (\`old\`)~~ — fixed since this comment\n${fixedMarker('fpold')}`);
  });
});
