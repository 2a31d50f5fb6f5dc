pragma ComponentBehavior: Bound
import QtQuick

// A labelled button: icon and/or text, at least one target in size, never hover-only.
Tappable {
    id: control

    property string text: ""
    property string iconName: ""
    property bool iconAfter: false
    property bool checked: false
    property bool primary: false
    property real fontSize: theme.sizes.chrome
    property real maxTextWidth: 0  // > 0: the label wraps at this width
    property real reservedWidth: 0  // room kept for the button's widest state
    readonly property color foreground: !enabled ? theme.colors.textMuted
        : checked ? theme.colors.textOnSelected
        : primary ? theme.colors.textOnAccent : theme.colors.buttonText

    accessibleName: text
    implicitWidth: Math.max(theme.sizes.target, reservedWidth, row.implicitWidth + 2 * theme.sizes.pad)
    implicitHeight: Math.max(theme.sizes.target, row.implicitHeight + theme.sizes.pad)
    radius: theme.sizes.radius
    // A control that can do nothing looks it, in both themes: faded, no fill.
    opacity: enabled ? 1 : 0.4
    color: !enabled ? "transparent"
        : checked ? theme.colors.selected
        : primary ? (down ? Qt.darker(theme.colors.accent, 1.2) : theme.colors.accent)
        : down ? theme.colors.pressed : theme.colors.button
    border.width: theme.sizes.border
    border.color: checked ? theme.colors.selected
        : !enabled ? theme.colors.border
        : primary ? theme.colors.accent : theme.colors.buttonBorder

    Row {
        id: row
        anchors.centerIn: parent
        spacing: control.theme.sizes.pad / 2
        layoutDirection: control.iconAfter ? Qt.RightToLeft : Qt.LeftToRight

        Icon {
            anchors.verticalCenter: parent.verticalCenter
            visible: control.iconName !== ""
            name: control.iconName
            size: Math.round(control.fontSize * 1.25)
            color: control.foreground
        }
        Text {
            textFormat: Text.PlainText
            id: label
            anchors.verticalCenter: parent.verticalCenter
            visible: control.text !== ""
            width: control.maxTextWidth > 0 ? Math.min(implicitWidth, control.maxTextWidth) : implicitWidth
            text: control.text
            color: control.foreground
            font.pixelSize: control.fontSize
            font.bold: control.checked || control.primary
            wrapMode: control.maxTextWidth > 0 ? Text.Wrap : Text.NoWrap
            horizontalAlignment: Text.AlignHCenter
        }
    }
}
