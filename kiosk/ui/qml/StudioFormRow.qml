pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk

// One field of the form, with a cell per language side by side (or one cell when the field has
// no language). A cell left empty in one language while filled in another is marked, in words.
ColumnLayout {
    id: row

    required property var modelData  // {key, label, kind, multiline, required, cells}
    required property var form  // the StudioForm: editors register there by path
    required property Studio studio
    required property StudioChecks checks
    required property StudioActions actions

    objectName: "row-" + modelData.key
    spacing: 4

    Label {
        font.bold: true
        text: row.modelData.label + (row.modelData.required ? "" : "  (optional)")
    }
    Row {
        id: cells
        Layout.fillWidth: true
        spacing: 12
        Repeater {
            model: row.modelData.cells
            delegate: Column {
                id: cell
                required property var modelData  // {path, language, value}
                readonly property bool untranslated: row.studio.untranslated.indexOf(modelData.path) >= 0
                property string refusal: ""
                width: (cells.width - cells.spacing * (row.modelData.cells.length - 1))
                    / row.modelData.cells.length  // equal columns, whatever their text
                spacing: 4

                Label {
                    visible: cell.modelData.language !== ""
                    color: "#555555"
                    text: row.studio.languageName(cell.modelData.language)
                }
                Loader {
                    width: cell.width
                    sourceComponent: {
                        switch (row.modelData.kind) {
                        case "markdown": return pageEditor
                        case "image": return illustration
                        case "review": return review
                        default: return lineEditor
                        }
                    }
                }
                Label {
                    objectName: "untranslated-" + cell.modelData.path
                    width: cell.width
                    wrapMode: Text.Wrap
                    visible: cell.untranslated
                    color: "#8a4b00"
                    font.bold: true
                    text: "\u26A0 Not translated yet: fill in this language too."
                }
                Label {
                    objectName: "refusal-" + cell.modelData.path
                    width: cell.width
                    visible: cell.refusal !== ""
                    color: "#a4000f"
                    wrapMode: Text.Wrap
                    text: cell.refusal
                }

                Component {
                    id: lineEditor
                    TextField {
                        id: field
                        objectName: "field-" + cell.modelData.path
                        text: cell.modelData.value
                        placeholderText: row.modelData.required ? "Required" : ""
                        selectByMouse: true
                        Accessible.name: row.modelData.label + " " + cell.modelData.language
                        background: Rectangle {
                            implicitHeight: 34
                            border.width: field.activeFocus ? 2 : 1
                            border.color: cell.refusal !== "" ? "#a4000f" : cell.untranslated ? "#c07000" : field.activeFocus ? "#1f5f5b" : "#8a8a8a"
                            radius: 3
                        }
                        onTextEdited: cell.refusal = row.studio.setField(cell.modelData.path, text)
                        Component.onCompleted: row.form.register(cell.modelData.path, field)
                        Component.onDestruction: row.form.unregister(cell.modelData.path, field)
                    }
                }
                Component {
                    id: pageEditor
                    StudioPageEditor {
                        path: cell.modelData.path
                        initialText: cell.modelData.value
                        form: row.form
                        studio: row.studio
                        checks: row.checks
                        onRefused: reason => cell.refusal = reason
                    }
                }
                Component {
                    id: illustration
                    StudioIllustration {
                        path: cell.modelData.path
                        value: cell.modelData.value
                        studio: row.studio
                        actions: row.actions
                        onRefused: reason => cell.refusal = reason
                    }
                }
                Component {
                    id: review
                    StudioReview {
                        path: cell.modelData.path
                        studio: row.studio
                    }
                }
            }
        }
    }
}
