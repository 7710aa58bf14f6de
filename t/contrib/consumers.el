;;; consumers.el --- what Emacs compilation-mode reads in a bclint report  -*- lexical-binding: t -*-
;; emacs --batch -Q -l consumers.el REPORT RESULT [bclint.el]
;; Reads REPORT in compilation-mode (with every default pattern), or with
;; bclint.el's bclint-compilation-mode, and writes RESULT: one line per
;; entry, "FILE<TAB>LINE<TAB>COLUMN<TAB>TYPE" (TYPE 2 error, 1 warning,
;; 0 info), and "directory<TAB>DIR" for each line taken as a directory
;; change.

(require 'compile)

(let* ((report (pop command-line-args-left))
       (result (pop command-line-args-left))
       (mode (pop command-line-args-left))
       (out '()))
  (when mode
    (load mode nil t))
  (with-current-buffer (get-buffer-create "*report*")
    (insert-file-contents report)
    (if mode (bclint-compilation-mode) (compilation-mode))
    (compilation--ensure-parse (point-max))
    (goto-char (point-min))
    (while (not (eobp))
      (let ((pos (line-beginning-position)) (end (line-end-position)) (seen '()))
        (while (< pos end)
          (let ((msg (get-text-property pos 'compilation-message))
                (dir (get-text-property pos 'compilation-directory)))
            (when (and msg (not (memq msg seen)))
              (push msg seen)
              (let* ((loc (compilation--message->loc msg))
                     (fs (compilation--loc->file-struct loc)))
                (push (format "%s\t%s\t%s\t%s" (caar fs) (compilation--loc->line loc)
                              (compilation--loc->col loc) (compilation--message->type msg))
                      out)
                (when (cadr (car fs))
                  (push (format "directory\t%s" (cadr (car fs))) out))))
            (when (and dir (not (memq dir seen)))
              (push dir seen)
              (push (format "directory\t%S" dir) out)))
          (setq pos (next-property-change pos nil end))))
      (forward-line 1)))
  (with-temp-file result
    (dolist (l (nreverse out))
      (insert l "\n"))))
