@echo off
rem Qiosk's admin CLI on Windows: "qiosk-admin.cmd secret check --client-id <id>". Qiosk.exe is a GUI-subsystem
rem program, which cmd.exe and PowerShell start without waiting for; start /wait runs it in this console, waits,
rem and hands its exit code on. Secrets are piped in, never typed as arguments (see the README).
start "" /b /wait "%~dp0Qiosk.exe" %*
exit /b %ERRORLEVEL%
