pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Import: bundle files on USB drives and in the import folder; choosing one verifies it and
// shows what would change; Install copies it with a progress bar.
Column {
    id: section

    required property ImportSection controller
    required property JobRunner jobs
    required property TapGuard guard
    required property Theme theme

    readonly property var diff: controller.diff
    readonly property real labelSize: theme.sizes.staffBody

    objectName: "staffSectionImport"
    spacing: theme.sizes.spacing

    StaffText {
        width: parent.width
        theme: section.theme
        text: "Put the USB drive with the bundle file into the kiosk, then tap Look for bundles. "
            + "Choose a file to see what it changes."
    }
    KioskButton {
        objectName: "staffScan"
        theme: section.theme
        guard: section.guard
        text: "Look for bundles"
        fontSize: section.labelSize
        enabled: !section.jobs.busy
        onActivated: section.controller.scan()
    }
    StaffText {
        objectName: "staffSources"
        width: parent.width
        theme: section.theme
        size: "small"
        muted: true
        visible: section.controller.scanned
        text: section.controller.sourcesText
    }
    StaffText {
        objectName: "staffFoundNote"
        width: parent.width
        theme: section.theme
        problem: true
        visible: section.controller.scanned && text !== ""
        text: section.controller.foundNote
    }
    StaffText {
        objectName: "staffNoBundles"
        width: parent.width
        theme: section.theme
        visible: section.controller.scanned && section.controller.bundles.length === 0
            && !section.jobs.busy
        text: "No bundle files were found. Bundle files end in .kbundle."
    }

    Column {
        objectName: "staffBundleList"
        width: parent.width
        spacing: section.theme.sizes.gap

        Repeater {
            model: section.controller.bundles
            delegate: KioskButton {
                required property var modelData
                objectName: "staffBundle-" + modelData.index
                width: parent.width
                theme: section.theme
                guard: section.guard
                text: modelData.name + "\n" + modelData.where
                maxTextWidth: width - 2 * section.theme.sizes.pad
                fontSize: section.labelSize
                checked: modelData.selected
                enabled: !section.controller.installing
                onActivated: section.controller.selectBundle(modelData.index)
            }
        }
    }

    StaffCard {
        objectName: "staffDiff"
        width: parent.width
        theme: section.theme
        tone: section.diff.state === "refused" || section.diff.state === "blocked" ? "problem" : "plain"
        visible: section.diff.state !== "none"

        StaffText {
            width: parent.width
            theme: section.theme
            visible: section.diff.state === "checking"
            text: "Checking the bundle…"
        }
        StaffText {
            objectName: "staffDiffRefused"
            width: parent.width
            theme: section.theme
            size: "heading"
            visible: section.diff.state === "refused" || section.diff.state === "blocked"
            text: "This bundle cannot be installed"
        }
        StaffText {
            objectName: "staffDiffVersions"
            width: parent.width
            theme: section.theme
            size: "heading"
            visible: section.diff.state === "ready"
            text: section.diff.versions || ""
        }
        StaffText {
            objectName: "staffDiffReason"
            width: parent.width
            theme: section.theme
            visible: !!section.diff.reason
            text: section.diff.reason || ""
        }
        StaffText {
            objectName: "staffDiffBlockedVersions"
            width: parent.width
            theme: section.theme
            visible: section.diff.state === "blocked"
            text: section.diff.versions || ""
        }
        StaffText {
            objectName: "staffDiffSigner"
            width: parent.width
            theme: section.theme
            visible: section.diff.state === "ready"
            text: "Signed with key " + (section.diff.signer || "")
        }
        Repeater {
            model: [
                { "key": "added", "label": "Pages added" },
                { "key": "changed", "label": "Pages changed" },
                { "key": "removed", "label": "Pages removed" }
            ]
            delegate: StaffText {
                required property var modelData
                readonly property var pages: section.diff[modelData.key] || []
                objectName: "staffDiff-" + modelData.key
                width: parent.width
                theme: section.theme
                visible: section.diff.state === "ready"
                text: modelData.label + " (" + pages.length + "): "
                    + (pages.length > 0 ? pages.join(", ") : "none")
            }
        }
        KioskButton {
            objectName: "staffInstall"
            theme: section.theme
            guard: section.guard
            primary: enabled
            visible: section.diff.state === "ready"
            enabled: !section.jobs.busy
            text: "Install"
            fontSize: section.labelSize
            onActivated: section.controller.install()
        }
    }

    Column {
        id: progress
        objectName: "staffProgress"
        readonly property real value: section.controller.progress
        width: parent.width
        spacing: section.theme.sizes.gap
        visible: section.controller.installing

        StaffText {
            width: parent.width
            theme: section.theme
            text: "Installing… " + Math.round(progress.value * 100) + " %"
        }
        Rectangle {
            width: parent.width
            height: section.theme.sizes.staffBar
            radius: height / 2
            color: section.theme.colors.surfaceAlt
            border.width: section.theme.sizes.border
            border.color: section.theme.colors.border

            Rectangle {
                width: Math.max(height, parent.width * progress.value)
                height: parent.height
                radius: parent.radius
                color: section.theme.colors.accent
            }
        }
    }
}
