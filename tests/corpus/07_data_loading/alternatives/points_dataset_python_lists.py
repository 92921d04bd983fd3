# why: stores plain Python lists and builds the tensors from them in __getitem__
# %% points_dataset
class PointsDataset(Dataset):
    def __init__(self, points: np.ndarray, labels: np.ndarray) -> None:
        self.rows = points.tolist()
        self.targets = [int(v) for v in labels]

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: int) -> tuple[torch.Tensor, torch.Tensor]:
        return torch.tensor(self.rows[index], dtype=torch.float32), torch.tensor(self.targets[index])
