/*
 * virtio.h — the virtio 1.x device ABI Proteus speaks, version 1: device
 * status and feature bits, the split virtqueue, the modern PCI transport's
 * capabilities and common configuration, the MMIO transport (version 2),
 * and the block and network device types.  Layouts and numbers from the
 * OASIS specification "Virtual I/O Device (VIRTIO) Version 1.1" (chapters
 * 2, 4.1, 4.2, 5.1 and 5.2; 1.2 adds nothing used here).  Our own
 * definitions.  Every multi-byte field is little-endian (the device's
 * order for VIRTIO_F_VERSION_1 devices), which is x86's, so plain integers
 * are used.  Self-contained: needs only <stdint.h>.
 */
#ifndef PROTEUS_ABI_VIRTIO_H
#define PROTEUS_ABI_VIRTIO_H

#define PROTEUS_VIRTIO_ABI_VERSION 1

#include <stdint.h>

/* ---- device status (2.1) ---- */
#define VIRTIO_STATUS_ACKNOWLEDGE 1u
#define VIRTIO_STATUS_DRIVER 2u
#define VIRTIO_STATUS_DRIVER_OK 4u
#define VIRTIO_STATUS_FEATURES_OK 8u
#define VIRTIO_STATUS_DEVICE_NEEDS_RESET 64u
#define VIRTIO_STATUS_FAILED 128u

/* ---- device-independent feature bits (6) ---- */
#define VIRTIO_F_INDIRECT_DESC 28
#define VIRTIO_F_EVENT_IDX 29
#define VIRTIO_F_VERSION_1 32
#define VIRTIO_F_ACCESS_PLATFORM 33
#define VIRTIO_F_RING_PACKED 34

/* ---- device types (5) ---- */
#define VIRTIO_ID_NET 1
#define VIRTIO_ID_BLOCK 2
#define VIRTIO_ID_CONSOLE 3
#define VIRTIO_ID_RNG 4

/* ---- the split virtqueue (2.6) ---- */
#define VIRTQ_DESC_F_NEXT 1u
#define VIRTQ_DESC_F_WRITE 2u       /* device writes (otherwise reads) the buffer */
#define VIRTQ_DESC_F_INDIRECT 4u    /* the buffer is a table of descriptors */

struct virtq_desc {
	uint64_t addr;              /* guest physical */
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

#define VIRTQ_AVAIL_F_NO_INTERRUPT 1u
/* ring[size] is followed by used_event when VIRTIO_F_EVENT_IDX is on. */
struct virtq_avail {
	uint16_t flags;
	uint16_t idx;
	uint16_t ring[];
};

struct virtq_used_elem {
	uint32_t id;                /* head of the descriptor chain */
	uint32_t len;               /* bytes the device wrote into it */
};

#define VIRTQ_USED_F_NO_NOTIFY 1u
/* ring[size] is followed by avail_event when VIRTIO_F_EVENT_IDX is on. */
struct virtq_used {
	uint16_t flags;
	uint16_t idx;
	struct virtq_used_elem ring[];
};

/* Alignments of the three parts (2.6, table "Virtqueue Part Alignment"). */
#define VIRTQ_DESC_ALIGN 16
#define VIRTQ_AVAIL_ALIGN 2
#define VIRTQ_USED_ALIGN 4
#define VIRTQ_SIZE_MAX 32768

/* ---- PCI transport (4.1) ---- */
#define VIRTIO_PCI_VENDOR 0x1af4
#define VIRTIO_PCI_DEVICE_TRANS_FIRST 0x1000   /* transitional: type from the subsystem id */
#define VIRTIO_PCI_DEVICE_TRANS_LAST 0x103f
#define VIRTIO_PCI_DEVICE_MODERN 0x1040        /* + device type */

/* A vendor-specific PCI capability (id 0x09) naming a structure in a BAR. */
#define VIRTIO_PCI_CAP_COMMON_CFG 1
#define VIRTIO_PCI_CAP_NOTIFY_CFG 2
#define VIRTIO_PCI_CAP_ISR_CFG 3
#define VIRTIO_PCI_CAP_DEVICE_CFG 4
#define VIRTIO_PCI_CAP_PCI_CFG 5

struct virtio_pci_cap {
	uint8_t cap_vndr;           /* 0x09 */
	uint8_t cap_next;
	uint8_t cap_len;
	uint8_t cfg_type;           /* VIRTIO_PCI_CAP_* */
	uint8_t bar;
	uint8_t id;
	uint8_t padding[2];
	uint32_t offset;            /* within the BAR */
	uint32_t length;
};
/* The notify capability carries one more word after it. */
#define VIRTIO_PCI_NOTIFY_MULTIPLIER_OFF 16

struct virtio_pci_common_cfg {
	uint32_t device_feature_select;
	uint32_t device_feature;
	uint32_t driver_feature_select;
	uint32_t driver_feature;
	uint16_t config_msix_vector;
	uint16_t num_queues;
	uint8_t device_status;
	uint8_t config_generation;
	uint16_t queue_select;
	uint16_t queue_size;
	uint16_t queue_msix_vector;
	uint16_t queue_enable;
	uint16_t queue_notify_off;
	uint64_t queue_desc;
	uint64_t queue_driver;
	uint64_t queue_device;
};
#define VIRTIO_MSI_NO_VECTOR 0xffffu
/* ISR status bits (4.1.4.5), also the MMIO InterruptStatus bits. */
#define VIRTIO_ISR_QUEUE 1u
#define VIRTIO_ISR_CONFIG 2u

/* ---- MMIO transport (4.2.2), version 2 ---- */
#define VIRTIO_MMIO_MAGIC_VALUE 0x000     /* "virt" */
#define VIRTIO_MMIO_MAGIC 0x74726976u
#define VIRTIO_MMIO_VERSION 0x004         /* 2; 1 is the legacy layout */
#define VIRTIO_MMIO_DEVICE_ID 0x008       /* 0: no device behind this slot */
#define VIRTIO_MMIO_VENDOR_ID 0x00c
#define VIRTIO_MMIO_DEVICE_FEATURES 0x010
#define VIRTIO_MMIO_DEVICE_FEATURES_SEL 0x014
#define VIRTIO_MMIO_DRIVER_FEATURES 0x020
#define VIRTIO_MMIO_DRIVER_FEATURES_SEL 0x024
#define VIRTIO_MMIO_QUEUE_SEL 0x030
#define VIRTIO_MMIO_QUEUE_NUM_MAX 0x034
#define VIRTIO_MMIO_QUEUE_NUM 0x038
#define VIRTIO_MMIO_QUEUE_READY 0x044
#define VIRTIO_MMIO_QUEUE_NOTIFY 0x050
#define VIRTIO_MMIO_INTERRUPT_STATUS 0x060
#define VIRTIO_MMIO_INTERRUPT_ACK 0x064
#define VIRTIO_MMIO_STATUS 0x070
#define VIRTIO_MMIO_QUEUE_DESC_LOW 0x080
#define VIRTIO_MMIO_QUEUE_DESC_HIGH 0x084
#define VIRTIO_MMIO_QUEUE_DRIVER_LOW 0x090
#define VIRTIO_MMIO_QUEUE_DRIVER_HIGH 0x094
#define VIRTIO_MMIO_QUEUE_DEVICE_LOW 0x0a0
#define VIRTIO_MMIO_QUEUE_DEVICE_HIGH 0x0a4
#define VIRTIO_MMIO_CONFIG_GENERATION 0x0fc
#define VIRTIO_MMIO_CONFIG 0x100

/* ---- block device (5.2) ---- */
#define VIRTIO_BLK_F_SIZE_MAX 1
#define VIRTIO_BLK_F_SEG_MAX 2
#define VIRTIO_BLK_F_GEOMETRY 4
#define VIRTIO_BLK_F_RO 5
#define VIRTIO_BLK_F_BLK_SIZE 6
#define VIRTIO_BLK_F_FLUSH 9
#define VIRTIO_BLK_F_TOPOLOGY 10
#define VIRTIO_BLK_F_CONFIG_WCE 11
#define VIRTIO_BLK_F_MQ 12

/* Offsets in the device configuration. */
#define VIRTIO_BLK_CFG_CAPACITY 0         /* le64, in 512-byte sectors */
#define VIRTIO_BLK_CFG_SIZE_MAX 8         /* le32: largest segment */
#define VIRTIO_BLK_CFG_SEG_MAX 12         /* le32: segments per request */
#define VIRTIO_BLK_CFG_BLK_SIZE 20        /* le32: logical block size */

#define VIRTIO_BLK_T_IN 0
#define VIRTIO_BLK_T_OUT 1
#define VIRTIO_BLK_T_FLUSH 4
#define VIRTIO_BLK_T_GET_ID 8

/* A request: this header (device-readable), the data, one status byte
 * (device-writable). */
struct virtio_blk_req_hdr {
	uint32_t type;
	uint32_t reserved;
	uint64_t sector;
};
#define VIRTIO_BLK_S_OK 0
#define VIRTIO_BLK_S_IOERR 1
#define VIRTIO_BLK_S_UNSUPP 2

/* ---- network device (5.1) ---- */
#define VIRTIO_NET_F_CSUM 0
#define VIRTIO_NET_F_GUEST_CSUM 1
#define VIRTIO_NET_F_MTU 3
#define VIRTIO_NET_F_MAC 5
#define VIRTIO_NET_F_MRG_RXBUF 15
#define VIRTIO_NET_F_STATUS 16
#define VIRTIO_NET_F_CTRL_VQ 17

#define VIRTIO_NET_CFG_MAC 0              /* 6 bytes */
#define VIRTIO_NET_CFG_STATUS 6           /* le16 */
#define VIRTIO_NET_CFG_MAX_PAIRS 8        /* le16 */
#define VIRTIO_NET_CFG_MTU 10             /* le16 */
#define VIRTIO_NET_S_LINK_UP 1u

/* Every frame on either queue starts with this header; num_buffers is
 * always there for VIRTIO_F_VERSION_1 devices. */
struct virtio_net_hdr {
	uint8_t flags;
	uint8_t gso_type;
	uint16_t hdr_len;
	uint16_t gso_size;
	uint16_t csum_start;
	uint16_t csum_offset;
	uint16_t num_buffers;
};
#define VIRTIO_NET_HDR_GSO_NONE 0

#endif
