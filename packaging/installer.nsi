; Liaison Desk: per-user Windows installer (NSIS 3). No administrator rights needed.
;
;   makensis /DVERSION=0.1.0 /DVERSION4=0.1.0.0 packaging\installer.nsi
;
; Installs the PyInstaller bundle (dist\LiaisonDesk) into %LOCALAPPDATA%\Programs\LiaisonDesk,
; adds a Start-menu shortcut, an entry in Settings > Apps, and opens .ldsnap snapshot files
; with Liaison Desk (per user, HKCU). Installing over an older version upgrades it in place.
; The uninstaller removes the program and leaves the user's data (%LOCALAPPDATA%\LiaisonDesk).
;
; Defines: VERSION (required), VERSION4 (a.b.c.d, for the file properties), BUNDLE (the
; PyInstaller folder), OUTFILE, EXE_SUFFIX ("" when CI checks the script against the Linux
; bundle), FAST (no compression: CI only checks that the script compiles). Build steps: packaging/README.md.

; A 64-bit installer for a 64-bit program (Windows 10/11 x64).
Target amd64-unicode
!ifdef FAST
  SetCompress off
!else
  SetCompressor /SOLID lzma
  SetCompressorDictSize 32
!endif

!ifndef VERSION
  !error "Pass /DVERSION=x.y.z (the version of the bundle, app/__init__.py)"
!endif
!ifndef VERSION4
  !define VERSION4 "0.0.0.0"
!endif
!ifndef BUNDLE
  !define BUNDLE "..\dist\LiaisonDesk"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\dist\LiaisonDesk-${VERSION}-setup.exe"
!endif
!ifndef EXE_SUFFIX
  !define EXE_SUFFIX ".exe"
!endif

!define APP_NAME "Liaison Desk"
!define APP_ID "LiaisonDesk"
!define PUBLISHER "Liaison Desk"
!define GUI_EXE "LiaisonDesk${EXE_SUFFIX}"
!define CLI_EXE "liaison-desk${EXE_SUFFIX}"
!define ICON_FILE "${BUNDLE}\_internal\resources\icons\liaison-desk.ico"
!define APP_KEY "Software\${APP_ID}"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define SNAPSHOT_EXT ".ldsnap"
!define SNAPSHOT_PROGID "LiaisonDesk.Snapshot"
!define SHORTCUT "$SMPROGRAMS\${APP_NAME}.lnk"

; The bundle must be built first, with the names the installer expects.
!if ! /FileExists "${BUNDLE}\${GUI_EXE}"
  !error "No ${BUNDLE}\${GUI_EXE}: build the bundle first (pyinstaller packaging\liaison-desk.spec)"
!endif
!if ! /FileExists "${BUNDLE}\${CLI_EXE}"
  !error "No ${BUNDLE}\${CLI_EXE} in the bundle"
!endif
!if ! /FileExists "${ICON_FILE}"
  !error "No ${ICON_FILE} in the bundle"
!endif

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "WordFunc.nsh"

Name "${APP_NAME}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${APP_ID}"
InstallDirRegKey HKCU "${APP_KEY}" "InstallDir"
ShowInstDetails show
ShowUninstDetails show
BrandingText "${APP_NAME} ${VERSION}"

!define MUI_ICON "${ICON_FILE}"
!define MUI_UNICON "${ICON_FILE}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "This installs ${APP_NAME} ${VERSION} for you only: no administrator rights are needed.$\r$\n$\r$\nIf ${APP_NAME} is already installed it is upgraded in place; your data is kept.$\r$\n$\r$\nClose ${APP_NAME} before you continue."
!define MUI_FINISHPAGE_RUN "$INSTDIR\${GUI_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Start ${APP_NAME}"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "${APP_NAME} will be removed from this computer. Your data (inspections, findings, papers and backups in $LOCALAPPDATA\${APP_ID}) is kept."

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
; British English where the NSIS install has it (Windows); Debian's nsis has English only.
!if /FileExists "${NSISDIR}\Contrib\Language files\EnglishBritish.nlf"
  !insertmacro MUI_LANGUAGE "EnglishBritish"
  !define UI_LANG ${LANG_ENGLISHBRITISH}
!else
  !insertmacro MUI_LANGUAGE "English"
  !define UI_LANG ${LANG_ENGLISH}
!endif

VIProductVersion "${VERSION4}"
VIAddVersionKey /LANG=${UI_LANG} "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=${UI_LANG} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${UI_LANG} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${UI_LANG} "FileDescription" "${APP_NAME} ${VERSION} setup"
VIAddVersionKey /LANG=${UI_LANG} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${UI_LANG} "LegalCopyright" "MIT licence"

Var OldVersion

Function .onInit
  SetShellVarContext current
  ; Upgrade in place: reuse the folder of the installed version, and refuse a silent downgrade.
  ReadRegStr $0 HKCU "${UNINSTALL_KEY}" "InstallLocation"
  ${If} $0 != ""
    StrCpy $INSTDIR $0
  ${EndIf}
  ReadRegStr $OldVersion HKCU "${UNINSTALL_KEY}" "DisplayVersion"
  ${If} $OldVersion != ""
    ${VersionCompare} "$OldVersion" "${VERSION}" $1
    ${If} $1 == 1
      MessageBox MB_YESNO|MB_ICONEXCLAMATION "${APP_NAME} $OldVersion is installed, which is newer than ${VERSION}.$\r$\n$\r$\nA database saved by the newer version cannot be opened by this one. Install ${VERSION} anyway?" /SD IDNO IDYES +2
      Abort
    ${EndIf}
  ${EndIf}
FunctionEnd

; Never install into the data folder: the program folder is replaced on every upgrade.
Function .onVerifyInstDir
  ${If} $INSTDIR == "$LOCALAPPDATA\${APP_ID}"
    Abort
  ${EndIf}
FunctionEnd

; The running program locks its executables: ask the user to close it, then retry.
!macro RemoveProgramFile FILE
  ${Do}
    ClearErrors
    Delete "${FILE}"
    ${IfNot} ${Errors}
      ${Break}
    ${EndIf}
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${APP_NAME} is running. Close it (File > Quit), then choose Retry." /SD IDCANCEL IDRETRY +2
    Abort "${APP_NAME} is running; nothing was changed."
  ${Loop}
!macroend

Section "${APP_NAME}" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ${If} ${FileExists} "$INSTDIR\${GUI_EXE}"
    DetailPrint "Upgrading ${APP_NAME} $OldVersion to ${VERSION} in $INSTDIR"
    !insertmacro RemoveProgramFile "$INSTDIR\${GUI_EXE}"
    !insertmacro RemoveProgramFile "$INSTDIR\${CLI_EXE}"
    ; Only our own folder: files of the old version must not mix with the new (Qt plugins).
    RMDir /r "$INSTDIR\_internal"
  ${EndIf}

  File "${BUNDLE}\${GUI_EXE}"
  File "${BUNDLE}\${CLI_EXE}"
  File /r "${BUNDLE}\_internal"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "${SHORTCUT}" "$INSTDIR\${GUI_EXE}" "" "$INSTDIR\${GUI_EXE}" 0 SW_SHOWNORMAL "" "HMICFRS inspections, findings and the committee paper"

  ; Snapshot files open in Liaison Desk (this user only).
  WriteRegStr HKCU "Software\Classes\${SNAPSHOT_EXT}" "" "${SNAPSHOT_PROGID}"
  WriteRegStr HKCU "Software\Classes\${SNAPSHOT_EXT}" "Content Type" "application/x-liaison-desk-snapshot"
  WriteRegStr HKCU "Software\Classes\${SNAPSHOT_EXT}\OpenWithProgids" "${SNAPSHOT_PROGID}" ""
  WriteRegStr HKCU "Software\Classes\${SNAPSHOT_PROGID}" "" "Liaison Desk snapshot"
  WriteRegStr HKCU "Software\Classes\${SNAPSHOT_PROGID}\DefaultIcon" "" "$INSTDIR\${GUI_EXE},0"
  WriteRegStr HKCU "Software\Classes\${SNAPSHOT_PROGID}\shell\open\command" "" '"$INSTDIR\${GUI_EXE}" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; Settings > Apps, and where the next upgrade finds this installation.
  WriteRegStr HKCU "${APP_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${APP_KEY}" "Version" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${GUI_EXE},0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd

Section "Uninstall"
  SetShellVarContext current
  !insertmacro RemoveProgramFile "$INSTDIR\${GUI_EXE}"
  !insertmacro RemoveProgramFile "$INSTDIR\${CLI_EXE}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"  ; only if empty: never anything the user put there
  Delete "${SHORTCUT}"

  ; The association, only where it is still ours.
  ReadRegStr $0 HKCU "Software\Classes\${SNAPSHOT_EXT}" ""
  ${If} $0 == "${SNAPSHOT_PROGID}"
    DeleteRegValue HKCU "Software\Classes\${SNAPSHOT_EXT}" ""
    DeleteRegValue HKCU "Software\Classes\${SNAPSHOT_EXT}" "Content Type"
  ${EndIf}
  DeleteRegValue HKCU "Software\Classes\${SNAPSHOT_EXT}\OpenWithProgids" "${SNAPSHOT_PROGID}"
  DeleteRegKey /ifempty HKCU "Software\Classes\${SNAPSHOT_EXT}\OpenWithProgids"
  DeleteRegKey /ifempty HKCU "Software\Classes\${SNAPSHOT_EXT}"
  DeleteRegKey HKCU "Software\Classes\${SNAPSHOT_PROGID}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "${APP_KEY}"
  ; The data folder ($LOCALAPPDATA\${APP_ID}: database, backups, logs) is left alone.
  DetailPrint "Your data in $LOCALAPPDATA\${APP_ID} has been kept."
SectionEnd
