# Build Liaison Desk for Windows: the bundle, its smoke test, and the per-user installer.
# Run from the repository root in PowerShell (see packaging/README.md for the prerequisites):
#   powershell -ExecutionPolicy Bypass -File packaging\build_windows.ps1
# Produces dist\LiaisonDesk\ and dist\LiaisonDesk-<version>-setup.exe.
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)

function Invoke-Step([string]$Title, [scriptblock]$Block) {
    Write-Host "== $Title"
    & $Block
    if ($LASTEXITCODE -ne 0) { throw "$Title failed (exit $LASTEXITCODE)" }
}

$Python = ".venv\Scripts\python.exe"
if (-not (Test-Path $Python)) {
    Invoke-Step "virtual environment" { py -3.11 -m venv .venv }
}
Invoke-Step "dependencies" { & $Python -m pip install --quiet --upgrade pip }
Invoke-Step "dependencies" { & $Python -m pip install --quiet -c packaging\constraints.txt -e ".[dev,packaging]" }

$Version = & $Python -c "import sys; sys.path.insert(0, 'packaging'); import layout; print(layout.project()['version'])"
$Version4 = & $Python -c "import sys; sys.path.insert(0, 'packaging'); import layout; print('.'.join(map(str, layout.numeric_version(layout.project()['version']))))"
Write-Host "Liaison Desk $Version"

Write-Host "== licences"
& $Python scripts\make_licences.py --check
if ($LASTEXITCODE -ne 0) { Write-Warning "The shipped licence list differs from the installed packages." }

Invoke-Step "PyInstaller" {
    & .venv\Scripts\pyinstaller.exe --noconfirm --clean --log-level WARN `
        --distpath dist --workpath build\pyinstaller packaging\liaison-desk.spec
}
Invoke-Step "smoke test of the frozen program" { & $Python packaging\smoke_test.py dist\LiaisonDesk }

# Optional: sign the executables before they go into the installer (recommended).
if ($env:LIAISON_DESK_SIGN_CERT) {
    Invoke-Step "signing the executables" {
        signtool sign /f $env:LIAISON_DESK_SIGN_CERT /fd SHA256 /tr http://timestamp.digicert.com /td SHA256 `
            dist\LiaisonDesk\LiaisonDesk.exe dist\LiaisonDesk\liaison-desk.exe
    }
}

$MakeNsis = (Get-Command makensis.exe -ErrorAction SilentlyContinue).Source
if (-not $MakeNsis) { $MakeNsis = "${env:ProgramFiles(x86)}\NSIS\makensis.exe" }
if (-not (Test-Path $MakeNsis)) { throw "makensis.exe not found: install NSIS 3 (winget install NSIS.NSIS)" }
Invoke-Step "installer (NSIS)" {
    & $MakeNsis /V2 /WX "/DVERSION=$Version" "/DVERSION4=$Version4" packaging\installer.nsi
}
if ($env:LIAISON_DESK_SIGN_CERT) {
    Invoke-Step "signing the installer" {
        signtool sign /f $env:LIAISON_DESK_SIGN_CERT /fd SHA256 /tr http://timestamp.digicert.com /td SHA256 `
            "dist\LiaisonDesk-$Version-setup.exe"
    }
}
Write-Host "Built dist\LiaisonDesk-$Version-setup.exe"
