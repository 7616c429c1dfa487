; Qiosk's Windows installer (electron-builder NSIS, per machine: electron-builder.yml `nsis.include`) creates the
; machine policy's folder, %ProgramData%\Qiosk, so that only administrators can write in it: Qiosk refuses a
; policy any other account could change (src/main/config/policy-file.ts; docs/configuration.md, "The machine
; policy"). Every user may create folders in ProgramData, so a Qiosk folder that is already there may be a user's:
; it is taken over and its permissions replaced, never trusted as found. A file already in it keeps its owner,
; and Qiosk refuses one that a user owns. Accounts are named by SID, the same on every Windows language:
;   S-1-5-32-544 Administrators, S-1-5-18 SYSTEM: full control; S-1-5-32-545 Users: read and execute.
; The installer runs elevated (per machine). Uninstalling leaves the folder and IT's policy in place.
; It also starts Qiosk at every sign-in (the kiosk account, signed in automatically): a per-machine Run entry,
; removed again by the uninstaller. Qiosk is single-instance: a second start brings the running one forward.
!include LogicLib.nsh

; Runs icacls from the system folder ($SYSDIR: from the OS, not PATH) and stops the install if it fails: a policy
; folder left open to users would only be refused later, on every kiosk. $0 is kept for the installer's own use.
!macro qioskIcacls ARGS
  Push $0
  nsExec::ExecToLog '"$SYSDIR\icacls.exe" ${ARGS}'
  Pop $0
  ${If} $0 != 0
    Abort `Qiosk could not protect its machine policy folder $APPDATA\Qiosk: icacls ${ARGS} exited with $0.`
  ${EndIf}
  Pop $0
!macroend

!macro customInstall
  ; $APPDATA is the common application data folder (FOLDERID_ProgramData) for all users, from the OS, not
  ; from the environment.
  SetShellVarContext all
  ; Removes an empty folder, or a junction or link a user put there (only the link, never its target); a real
  ; folder holding IT's policy stays.
  RMDir "$APPDATA\Qiosk"
  CreateDirectory "$APPDATA\Qiosk"
  !insertmacro qioskIcacls '"$APPDATA\Qiosk" /setowner *S-1-5-32-544'
  !insertmacro qioskIcacls '"$APPDATA\Qiosk" /reset'
  !insertmacro qioskIcacls '"$APPDATA\Qiosk" /inheritance:r /grant:r *S-1-5-32-544:(OI)(CI)F *S-1-5-18:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX'
  ; The 64-bit registry view: a 64-bit Qiosk's entry must not land under WOW6432Node.
  SetRegView 64
  WriteRegStr HKLM "Software\Microsoft\Windows\CurrentVersion\Run" "Qiosk" '"$INSTDIR\Qiosk.exe"'
!macroend

!macro customUnInstall
  SetRegView 64
  DeleteRegValue HKLM "Software\Microsoft\Windows\CurrentVersion\Run" "Qiosk"
!macroend
