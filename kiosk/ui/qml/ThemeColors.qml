import QtQml

// The theme's colours as QML reads them, set from Python (kiosk/ui/theme_values.py):
// one property per name in kiosk/ui/theme.py, written by `values_qml` there
// (tests/ui/test_theme_values.py keeps this file equal to it).

QtObject {
    property string accent
    property string attractBlob1
    property string attractBlob2
    property string attractBlob3
    property string background
    property string border
    property string button
    property string buttonBorder
    property string buttonText
    property string closed
    property string closedText
    property string dialog
    property string disclaimer
    property string doctor
    property string doctorText
    property string emergency
    property string emergencyText
    property string focus
    property string focusInner
    property string heading
    property string here
    property string mapLabel
    property string mapLand
    property string mapLine
    property string mapOtherLand
    property string mapRiver
    property string mapWater
    property string marker
    property string pressed
    property string previewBack
    property string previewText
    property string qrDark
    property string qrLight
    property string questions
    property string questionsBorder
    property string reading
    property string readingBorder
    property string scrim
    property string selected
    property string surface
    property string surfaceAlt
    property string text
    property string textMuted
    property string textOnAccent
    property string textOnHere
    property string textOnMarker
    property string textOnSelected
}
