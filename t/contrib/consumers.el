;;; consumers.el --- what Emacs compilation-mode reads in a bclint report  -*- lexical-binding: t -*-
;; emacs --batch -Q -l consumers.el REPORT RESULT [bclint.el [HOW]]
;; Reads REPORT in compilation-mode (with every default pattern), or with
;; bclint.el: in bclint-compilation-mode, or (HOW "restrict") in
;; compilation-mode after M-x bclint-compilation-restrict, or (HOW
;; "command") as the output of M-x bclint running "cat REPORT".  Writes
;; RESULT: one line per
;; entry, "FILE<TAB>LINE<TAB>COLUMN<TAB>TYPE" (TYPE 2 error, 1 warning,
;; 0 info), and "directory<TAB>DIR" for each line taken as a directory
;; change.

(require 'compile)

(let* ((report (pop command-line-args-left))
       (result (pop command-line-args-left))
       (mode (pop command-line-args-left))
       (how (pop command-line-args-left))
       (out '()))
  (when mode
    (load mode nil t))
  (with-current-buffer
      (if (equal how "command")
          (let ((buffer (bclint (concat "cat " (shell-quote-argument report)))))
            (while (get-buffer-process buffer)
              (accept-process-output nil 0.1))
            buffer)
        (get-buffer-create "*report*"))
    (cond ((equal how "command"))
          ((equal how "restrict")
           (insert-file-contents report)
           (compilation-mode)
           (bclint-compilation-restrict))
          (mode
           (insert-file-contents report)
           (bclint-compilation-mode))
          (t
           (insert-file-contents report)
           (compilation-mode)))
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
