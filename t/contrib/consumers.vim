" What Vim (or Neovim) puts in the quickfix list from a bclint report.
" vim -u NONE -i NONE -N -es -c 'let g:report = "R" | let g:result = "OUT"
"     | let g:efm = "bclint"' -S consumers.vim
" g:efm: "bclint" (:compiler bclint, from g:rtp), "gcc" (:compiler gcc) or
" "default" (the built-in 'errorformat').  Writes one line per entry:
" FILE<TAB>LINE<TAB>COLUMN<TAB>TYPE<TAB>VALID.
if g:efm ==# 'bclint'
  execute 'set rtp^=' . fnameescape(g:rtp)
  compiler bclint
elseif g:efm ==# 'gcc'
  compiler gcc
endif
execute 'cgetfile ' . fnameescape(g:report)
let s:lines = []
for s:e in getqflist()
  call add(s:lines, printf("%s\t%d\t%d\t%s\t%d", bufname(s:e.bufnr), s:e.lnum, s:e.col,
        \ s:e.type, s:e.valid))
endfor
call writefile(s:lines, g:result)
qall!
