# why: allocates the zero matrix with the sequences' dtype and copies each sequence into its row
# %% pad_collate
def pad_collate(batch: list[tuple[torch.Tensor, int]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    lengths = torch.tensor([seq.numel() for seq, _ in batch], dtype=torch.int64)
    width = int(lengths.max()) if len(batch) else 0
    padded = batch[0][0].new_zeros((len(batch), width))
    for row, (seq, _) in enumerate(batch):
        padded[row, : seq.numel()] = seq
    labels = torch.as_tensor([label for _, label in batch], dtype=torch.int64)
    return padded, lengths, labels
