# mistake: takes each length as the number of non-zero entries of its padded row, so zeros inside a sequence are not counted
# targets: test_pad_collate
# %% pad_collate
def pad_collate(batch: list[tuple[torch.Tensor, int]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    padded = pad_sequence([seq for seq, _ in batch], batch_first=True)
    lengths = (padded != 0).sum(1)
    labels = torch.tensor([label for _, label in batch])
    return padded, lengths, labels
