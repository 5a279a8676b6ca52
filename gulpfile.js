const path = require('path');
const { task, src, dest } = require('gulp');

// n8n loads node and credential icons from next to the compiled .js files.
task('build:icons', copyIcons);

function copyIcons() {
	const nodeIcons = src([path.resolve('nodes', '**', '*.{png,svg}'), path.resolve('nodes', '**', '*.node.json')], { encoding: false }).pipe(
		dest(path.resolve('dist', 'nodes')),
	);
	const credentialIcons = src(path.resolve('credentials', '**', '*.{png,svg}'), {
		encoding: false,
	}).pipe(dest(path.resolve('dist', 'credentials')));
	return Promise.all([streamDone(nodeIcons), streamDone(credentialIcons)]);
}

function streamDone(stream) {
	return new Promise((resolve, reject) => stream.on('end', resolve).on('finish', resolve).on('error', reject));
}
