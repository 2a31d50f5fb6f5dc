pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk

// The form of the part chosen in the left list: one row per field, its languages side by side.
// A field's editor registers itself by path, so that a click in the problem list can focus it.
ScrollView {
    id: form

    required property Studio studio
    required property StudioChecks checks
    required property StudioActions actions
    property var editors: ({})  // path -> editor item

    objectName: "studioForm"
    clip: true
    contentWidth: availableWidth

    function register(path, editor) { form.editors[path] = editor }
    function unregister(path, editor) {
        if (form.editors[path] === editor)
            delete form.editors[path]
    }
    function focusField(path) {
        const editor = form.editors[path]
        if (!editor)
            return
        editor.forceActiveFocus()
        const y = editor.mapToItem(column, 0, 0).y
        const flick = form.contentItem as Flickable
        flick.contentY = Math.max(0, Math.min(y - 40, column.height - form.availableHeight))
    }

    Connections {
        target: form.studio
        function onFocusRequested(path) { Qt.callLater(form.focusField, path) }
    }

    ColumnLayout {
        id: column
        width: form.availableWidth - 24
        x: 12
        spacing: 14

        Label {
            objectName: "formTitle"
            Layout.topMargin: 12
            font.pixelSize: 22
            font.bold: true
            text: {
                const found = form.studio.entries.find(e => e.key === form.studio.current)
                return found ? found.label : ""
            }
        }
        Repeater {
            model: form.studio.rows
            delegate: StudioFormRow {
                Layout.fillWidth: true
                form: form
                studio: form.studio
                checks: form.checks
                actions: form.actions
            }
        }
    }
}
