;;; bclint.el --- read bclint's reports in compilation-mode, and nothing else  -*- lexical-binding: t -*-

;; Keywords: tools, processes
;; URL: https://github.com/bclint/bclint

;; This file is part of bclint and is distributed under its licence.

;;; Commentary:

;; bclint prints one line per finding, FILE:LINE:COLUMN: LEVEL: MESSAGE
;; [RULE-ID], then its notes, FILE:LINE:COLUMN: note: TEXT.  Plain
;; compilation-mode reads these lines with its whole list of compilers'
;; formats (some match anywhere in a line) and follows make's "Entering
;; directory" lines.  bclint escapes snapshot text so that none of them
;; finds anything in it, but a reader that knows only bclint's format needs
;; no such care: that is what this file gives, as `:compiler bclint' does
;; for Vim.
;;
;;   M-x bclint RET bclint snapshots/*.json RET
;;
;; runs bclint in a `bclint-compilation-mode' buffer: findings are errors
;; or warnings, notes are info entries at their own locations, and nothing
;; else in the output (the summary, bclint's own messages) is an entry.
;; In a buffer that is already in compilation-mode (M-x compile), turn on
;; the same reading with M-x bclint-compilation-restrict.
;;
;; Install: put this file in `load-path' (the Debian package and `make
;; install' put it in site-lisp) and (require 'bclint), or autoload
;; `bclint'.  Columns count characters, as Emacs does.

;;; Code:

(require 'compile)

(defgroup bclint nil
  "Reading bclint's reports."
  :group 'tools
  :prefix "bclint-")

(defcustom bclint-command "bclint --color=never "
  "The command line `bclint' offers to run."
  :type 'string)

(defconst bclint-error-regexp
  (concat "^\\(?1:[^\n]+?\\):\\(?2:[0-9]+\\):\\(?3:[0-9]+\\): "
          "\\(?:error\\|\\(?4:warning\\)\\|\\(?5:note\\)\\): ")
  "One line of bclint's gcc format: file, line, column, level.
Group 4 is set for a warning, group 5 for a note; neither, an error.")

(add-to-list 'compilation-error-regexp-alist-alist
             (list 'bclint bclint-error-regexp 1 2 3 '(4 . 5)))

(defun bclint-compilation-restrict ()
  "Make the current compilation buffer read bclint's format only.
Only the `bclint' entry of `compilation-error-regexp-alist-alist' is
used, make's directory lines are not followed, and the buffer is
parsed again."
  (interactive)
  (setq-local compilation-error-regexp-alist '(bclint))
  ;; A regexp that matches nothing: no line changes the directory.
  (setq-local compilation-directory-matcher '("\\`a\\`" (1 . 1)))
  (setq-local compilation-first-column 1)
  (when (fboundp 'compilation--flush-parse)
    (compilation--flush-parse (point-min) (point-max))))

;;;###autoload
(define-derived-mode bclint-compilation-mode compilation-mode "bclint"
  "Major mode for bclint's reports: compilation-mode reading bclint only."
  (bclint-compilation-restrict))

;;;###autoload
(defun bclint (command)
  "Run bclint COMMAND and show its report in `bclint-compilation-mode'."
  (interactive (list (read-shell-command "Run bclint: " bclint-command)))
  (compilation-start command #'bclint-compilation-mode))

(provide 'bclint)

;;; bclint.el ends here
