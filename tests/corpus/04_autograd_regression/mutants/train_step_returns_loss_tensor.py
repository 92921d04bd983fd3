# mistake: returns the loss tensor itself (still attached to its graph), not loss.item()
# targets: test_train_step
# %% train_step
def train_step(x: torch.Tensor, y: torch.Tensor, w: torch.Tensor, b: torch.Tensor, lr: float) -> float:
    loss = (0.5 * (x.pow(2).mm(w) + b - y) ** 2).sum()
    loss.backward()
    with torch.no_grad():
        w -= lr * w.grad
        b -= lr * b.grad
        w.grad.zero_()
        b.grad.zero_()
    return loss
