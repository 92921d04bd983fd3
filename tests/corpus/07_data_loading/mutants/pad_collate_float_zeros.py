# mistake: pads into torch.zeros without a dtype, so integer sequences come out float32
# targets: test_pad_collate
# %% pad_collate
def pad_collate(batch: list[tuple[torch.Tensor, int]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    width = max(len(seq) for seq, _ in batch)
    padded = torch.zeros(len(batch), width)
    for i, (seq, _) in enumerate(batch):
        padded[i, :len(seq)] = seq
    lengths = torch.tensor([len(seq) for seq, _ in batch])
    labels = torch.tensor([label for _, label in batch])
    return padded, lengths, labels
