import QtQml

// The theme's sizes as QML reads them, set from Python (kiosk/ui/theme_values.py):
// one property per name in kiosk/ui/theme.py, written by `values_qml` there
// (tests/ui/test_theme_values.py keeps this file equal to it).

QtObject {
    property real attractHint
    property real body
    property real border
    property real calloutBorder
    property real chartLine
    property real chrome
    property real chromeBase
    property real chromeMax
    property real dialogBorder
    property real dialogWidth
    property real focusRing
    property real focusRingInner
    property real gap
    property real greeting
    property real hairline
    property real heading
    property real label
    property real mapLabel
    property real mapRoad
    property real margin
    property real pad
    property real pageScrollBar
    property real pageScrollBarInset
    property real panelBorder
    property real previewLine
    property real previewSummary
    property real privacyGap
    property real privacyNote
    property real qrBorder
    property real qrMax
    property real questionsBorder
    property real radius
    property real scrollBar
    property real scrollBarInset
    property real slop
    property real spacing
    property real staffBar
    property real staffBody
    property real staffChart
    property real staffChartDense
    property real staffChartGap
    property real staffChartLabels
    property real staffChartRoom
    property real staffCountGap
    property real staffDayHours
    property real staffDayName
    property real staffDot
    property real staffDotBorder
    property real staffDots
    property real staffHeading
    property real staffKey
    property real staffKeyLabel
    property real staffPad
    property real staffPicked
    property real staffPinLabel
    property real staffSmall
    property real staffStepLabel
    property real staffTitle
    property real staffValue
    property real staffWhen
    property real staffWidth
    property real target
    property real textWidth
    property real tileMin
    property real tileTitle
    property real title
}
