" Vim compiler file
" Compiler:	bclint, the TikTok Business Center access linter
" Usage:	:compiler bclint, then :make snapshots/*.json
"		(put this file in ~/.vim/compiler/ or add contrib/vim to 'rtp')
"
" Findings become quickfix errors and warnings; their notes become entries
" of type 'n' (note) with their own locations, so they can be visited but
" are never counted as errors.  Columns count characters in bclint and
" bytes in Vim: the two agree on ASCII lines.

if exists("current_compiler")
  finish
endif
let current_compiler = "bclint"

if exists(":CompilerSet") != 2
  command -nargs=* CompilerSet setlocal <args>
endif

let s:cpo_save = &cpo
set cpo&vim

CompilerSet makeprg=bclint\ --color=never
CompilerSet errorformat=%f:%l:%c:\ %trror:\ %m,
		       \%f:%l:%c:\ %tarning:\ %m,
		       \%f:%l:%c:\ %tote:\ %m,
		       \%+Gbclint:\ %.%#,
		       \%-G%.%#

let &cpo = s:cpo_save
unlet s:cpo_save
