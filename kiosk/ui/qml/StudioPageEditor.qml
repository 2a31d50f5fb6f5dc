pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk

// A page's text: plain text with buttons for the only formats a page may hold. An edit that
// adds what the kiosk cannot show (a link, a picture, a table...) does not go in; `refused`
// says why. The reading level of this page in this language shows under it, with the limit.
ColumnLayout {
    id: editor

    required property string path
    required property string initialText
    required property var form  // the StudioForm: editors register there by path
    required property Studio studio
    required property StudioChecks checks
    property string accepted: initialText  // the text as the folder holds it
    signal refused(string reason)

    spacing: 4

    function lineStart(text, pos) { return text.lastIndexOf("\n", pos - 1) + 1 }
    // The current line's block marker (heading, list item) replaced by `marker`.
    function setMarker(marker) {
        const text = area.text
        const start = editor.lineStart(text, area.cursorPosition)
        const old = /^(#{1,3} |- |\d+\. )?/.exec(text.slice(start))[0]
        area.remove(start, start + old.length)
        area.insert(start, marker)
        area.forceActiveFocus()
    }
    function wrap(mark) {
        const from = area.selectionStart, to = area.selectionEnd
        area.insert(to, mark)
        area.insert(from, mark)
        area.select(from + mark.length, to + mark.length)
        area.forceActiveFocus()
    }

    Flow {
        Layout.fillWidth: true
        Layout.maximumWidth: editor.width
        spacing: 4
        Button { objectName: "format-heading"; text: "Heading"; focusPolicy: Qt.NoFocus; onClicked: editor.setMarker("## ") }
        Button { objectName: "format-paragraph"; text: "Paragraph"; focusPolicy: Qt.NoFocus; onClicked: editor.setMarker("") }
        Button { objectName: "format-list"; text: "List"; focusPolicy: Qt.NoFocus; onClicked: editor.setMarker("- ") }
        Button { objectName: "format-bold"; text: "Bold"; font.bold: true; focusPolicy: Qt.NoFocus; onClicked: editor.wrap("**") }
        Button { objectName: "format-italic"; text: "Italic"; font.italic: true; focusPolicy: Qt.NoFocus; onClicked: editor.wrap("*") }
    }
    TextArea {
        id: area
        objectName: "field-" + editor.path
        Layout.fillWidth: true
        Layout.maximumWidth: editor.width
        Layout.preferredHeight: 420
        text: editor.initialText
        wrapMode: TextEdit.Wrap
        selectByMouse: true
        persistentSelection: true
        font.family: "monospace"
        Accessible.name: "Page text " + editor.path
        background: Rectangle {
            border.width: area.activeFocus ? 2 : 1
            border.color: area.activeFocus ? "#1f5f5b" : "#8a8a8a"
            radius: 3
        }
        onTextChanged: {
            if (text === editor.accepted)
                return
            const reason = editor.studio.setField(editor.path, text)
            if (reason === "") {
                editor.accepted = text
            } else {  // what the format cannot hold does not go in
                const at = Math.min(cursorPosition, editor.accepted.length)
                text = editor.accepted
                cursorPosition = Math.max(0, at - 1)
            }
            editor.refused(reason)
        }
        Component.onCompleted: editor.form.register(editor.path, area)
        Component.onDestruction: editor.form.unregister(editor.path, area)
    }
    Label {
        Layout.fillWidth: true
        Layout.maximumWidth: editor.width
        wrapMode: Text.Wrap
        readonly property var level: editor.checks.levelFor(editor.path, editor.checks.revision)
        objectName: "level-" + editor.path
        visible: level.text !== ""
        font.bold: level.over
        color: level.over ? "#a4000f" : "#2d5a27"
        text: level.text
    }
}
