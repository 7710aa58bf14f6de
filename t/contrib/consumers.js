// What VS Code's $gcc problem matcher, the shipped GitHub problem matcher
// and GitHub's runner (workflow commands) read in bclint's reports, with
// JavaScript's regular expressions (node).
// node consumers.js GCC-REPORT GITHUB-REPORT MATCHER.json OUTDIR
// Writes OUTDIR/got.vscode and got.matcher (FILE LINE COLUMN SEVERITY
// [CODE], tab-separated, one per match), got.commands (the gcc report's
// lines GitHub would run as workflow commands) and got.github (each
// command of the github report: NAME FILE LINE COLUMN TITLE).
'use strict';
const fs = require('fs');
const [gccFile, githubFile, matcherFile, outDir] = process.argv.slice(2);

// Both split their input at CR and LF only (U+2028 is no line break to them).
const lines = (f) => fs.readFileSync(f, 'utf8').split(/\r\n|\r|\n/).filter((l) => l !== '');
const write = (name, rows) =>
	fs.writeFileSync(`${outDir}/${name}`, rows.map((r) => r.join('\t') + '\n').join(''));
const gcc = lines(gccFile);

// VS Code's $gcc, as in its source (src/vs/workbench/contrib/tasks).
const vscode = /^(.*?):(\d+):(\d*):?\s+(?:fatal\s+)?(warning|error):\s+(.*)$/;
write('got.vscode', gcc.map((l) => l.match(vscode)).filter(Boolean)
	.map((m) => [m[1], m[2], m[3], m[4]]));

const p = JSON.parse(fs.readFileSync(matcherFile, 'utf8')).problemMatcher[0].pattern[0];
const rx = new RegExp(p.regexp);
write('got.matcher', gcc.map((l) => l.match(rx)).filter(Boolean)
	.map((m) => [m[p.file], m[p.line], m[p.column], m[p.severity], m[p.code]]));

// The runner trims leading white space (.NET's, which adds U+0085 and
// U+001C-U+001F to JavaScript's \s), then looks for "::" or "##[".
const trim = (l) => l.replace(/^[\s\u0085\u001c-\u001f]+/, '');
write('got.commands', gcc.filter((l) => /^(::|##\[)/.test(trim(l))).map((l) => [l]));

// A workflow command: ::NAME PROPS::MESSAGE, PROPS "k=v,k=v" with %25,
// %0D, %0A, %3A, %2C decoded.
const unescape = (v) => v.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':')
	.replace(/%2C/g, ',').replace(/%25/g, '%');
write('got.github', lines(githubFile).map((l) => {
	const m = trim(l).match(/^::([a-z-]+) ([^:]*)::/);
	if (!m)
		return ['not-a-command', l];
	const props = {};
	for (const kv of m[2].split(',')) {
		const eq = kv.indexOf('=');
		props[kv.slice(0, eq)] = unescape(kv.slice(eq + 1));
	}
	// CR and LF stay encoded, for a tab-separated comparison.
	const file = props.file.replace(/\r/g, '%0D').replace(/\n/g, '%0A');
	return [m[1], file, props.line, props.col, props.title];
}));
